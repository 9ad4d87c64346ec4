// A 28x28 image as pen strokes: one horizontal stroke per run of pixels >= 0.5 in each row, from
// the centre of its first pixel to the centre of its last, in pixel units (the page's canvas has
// 10 canvas pixels per image pixel). The C++ model of this drawing is in test/qnn/test_digit_image.cpp.
export function imageToStrokes(pixels, side = 28) {
  const strokes = [];
  for (let r = 0; r < side; ++r) {
    for (let c0 = 0; c0 < side; ) {
      if (pixels[r * side + c0] < 0.5) { ++c0; continue; }
      let c1 = c0;
      while (c1 + 1 < side && pixels[r * side + c1 + 1] >= 0.5) ++c1;
      strokes.push([{ x: c0 + 0.5, y: r + 0.5 }, { x: c1 + 0.5, y: r + 0.5 }]);
      c0 = c1 + 1;
    }
  }
  return strokes;
}
