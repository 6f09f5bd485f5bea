import { upstoxSimulator } from './upstox-simulator';

describe('upstoxSimulator', () => {
  it('should work', () => {
    expect(upstoxSimulator()).toEqual('upstox-simulator');
  });
});
