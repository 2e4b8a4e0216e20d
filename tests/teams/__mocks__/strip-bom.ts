/**
 * Stand-in for strip-bom, which @microsoft/app-manifest requires from its CommonJS build.
 * strip-bom 5 is ESM-only: Node 20.19+ loads it through require(esm), but Jest's module
 * loader cannot until Node 24.9. Jest picks up manual mocks of node modules from any
 * __mocks__ folder under its roots automatically, so this applies without jest.mock().
 * It behaves exactly like the real package.
 */
export default function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
