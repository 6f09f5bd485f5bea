import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebConnect } from './web-connect';

describe('WebConnect', () => {
  let component: WebConnect;
  let fixture: ComponentFixture<WebConnect>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebConnect],
    }).compileComponents();

    fixture = TestBed.createComponent(WebConnect);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
