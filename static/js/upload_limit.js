// Refuse a file over the upload limit before the browser sends it. The server stops
// reading such an upload part-way, which a browser may show as a reset connection, so the
// honest case is told here, in the page, in the same words.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.maxBytes) return;
  const file = input.files && input.files[0];
  const tooLarge = Boolean(file) && file.size > Number(input.dataset.maxBytes);
  input.setCustomValidity(tooLarge ? input.dataset.tooLarge : "");
  input.reportValidity();
});
