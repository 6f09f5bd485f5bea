export function upstoxSimulator(): string {
  return 'upstox-simulator';
}
