import { Component } from '@angular/core';

@Component({
  selector: 'desk-web-shell',
  imports: [],
  templateUrl: './web-shell.html',
  styleUrl: './web-shell.css',
})
export class WebShell {}
