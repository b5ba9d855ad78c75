// Vite's `?inline`: a stylesheet imported as its text (the overlay's CSS for its shadow roots).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
