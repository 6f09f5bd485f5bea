import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebProfile } from './web-profile';

describe('WebProfile', () => {
  let component: WebProfile;
  let fixture: ComponentFixture<WebProfile>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebProfile],
    }).compileComponents();

    fixture = TestBed.createComponent(WebProfile);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
