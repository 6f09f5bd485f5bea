import { Component } from '@angular/core';

@Component({
  selector: 'desk-web-orders',
  imports: [],
  templateUrl: './web-orders.html',
  styleUrl: './web-orders.css',
})
export class WebOrders {}
