import { Component } from '@angular/core';

@Component({
  selector: 'desk-web-connect',
  imports: [],
  templateUrl: './web-connect.html',
  styleUrl: './web-connect.css',
})
export class WebConnect {}
