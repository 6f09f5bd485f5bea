import { Component } from '@angular/core';

@Component({
  selector: 'desk-web-profile',
  imports: [],
  templateUrl: './web-profile.html',
  styleUrl: './web-profile.css',
})
export class WebProfile {}
