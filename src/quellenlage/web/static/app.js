// Progressive enhancement only: every page works without this file.
// On a document page, clicking a mark highlights all pieces of its claim and its card.
"use strict";
document.addEventListener("click", (event) => {
  const mark = event.target.closest("a.m");
  if (!mark) return;
  const id = mark.getAttribute("href").slice(1);
  document.querySelectorAll(".m.active, .card.active").forEach((e) => e.classList.remove("active"));
  for (const kind of ["content", "cue", "source", "quantity", "time"]) {
    document.querySelectorAll(`.m[data-${kind}]`).forEach((e) => {
      if (e.dataset[kind].split(" ").includes(id)) e.classList.add("active");
    });
  }
  const card = document.getElementById(id);
  if (card) card.classList.add("active");
});
