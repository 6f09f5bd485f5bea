import { Injectable } from '@nestjs/common';

/** The time source for expiry checks; tests may bind another implementation. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
