#!/usr/bin/env bash
# Re-vendor the theme's web fonts (a one-off step, not part of the build): copies the WOFF2
# files of the pinned @fontsource packages (package.json) into nashra/theme/assets/fonts/
# with their licences, subset to the characters an Arabic/English news page uses.
#   npm install --ignore-scripts      # the pinned @fontsource packages
#   pip install fonttools brotli      # pyftsubset, and brotli for WOFF2 output
#   bash scripts/vendor_fonts.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
src=node_modules/@fontsource
out=nashra/theme/assets/fonts
mkdir -p "$out"

# Arabic letters, Arabic supplement (names from other languages), Arabic punctuation and
# digits, joiners and direction marks, dashes and quotes; presentation forms are left out:
# shaping uses the GSUB tables, which --layout-features='*' keeps whole.
ARABIC="U+0020,U+00A0,U+0600-06FF,U+0750-077F,U+200C-200F,U+2010-2027,U+FD3E-FD3F,U+FDF2"
# Digits and ASCII punctuation in the Naskh design, for Arabic text (Latin letters there
# fall through to the Latin face): digits in an Arabic line then match its letters.
NASKH_DIGITS="U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB"
# Latin-1, the typographic punctuation of English copy, euro, trade mark, minus.
LATIN="U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2212"

for weight in 400 700; do
  pyftsubset "$src/noto-naskh-arabic/files/noto-naskh-arabic-arabic-$weight-normal.woff2" \
    --unicodes="$ARABIC" --layout-features='*' --flavor=woff2 \
    --output-file="$out/noto-naskh-arabic-$weight.woff2"
  pyftsubset "$src/noto-naskh-arabic/files/noto-naskh-arabic-latin-$weight-normal.woff2" \
    --unicodes="$NASKH_DIGITS" --layout-features='*' --flavor=woff2 \
    --output-file="$out/noto-naskh-arabic-digits-$weight.woff2"
  pyftsubset "$src/noto-serif/files/noto-serif-latin-$weight-normal.woff2" \
    --unicodes="$LATIN" --layout-features='*' --flavor=woff2 \
    --output-file="$out/noto-serif-$weight.woff2"
done
cp "$src/noto-naskh-arabic/LICENSE" "$out/LICENSE-noto-naskh-arabic.txt"
cp "$src/noto-serif/LICENSE" "$out/LICENSE-noto-serif.txt"
ls -l "$out"
