// The CJK font embedded in every pack: Noto Sans SC from the @expo-google-fonts package (TTF, which
// pdfkit subsets on embed), registered once with pdfmake, whose URL and local-file access is
// limited to these files so rendering never fetches anything.
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';

/** The font name charts and documents use; ECharts text must name it or Chinese drops silently. */
export const FONT = 'NotoSansSC';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

export const FONT_FILES = {
  normal: path.join(PACKAGE_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(PACKAGE_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
};

let ready = false;

/** pdfmake with the font registered and remote and other local resources refused. */
export function pdfRenderer(): typeof pdfmake {
  if (!ready) {
    pdfmake.addFonts({
      [FONT]: { normal: FONT_FILES.normal, bold: FONT_FILES.bold, italics: FONT_FILES.normal, bolditalics: FONT_FILES.bold },
    });
    const allowed = new Set(Object.values(FONT_FILES).map((f) => path.resolve(f)));
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => allowed.has(path.resolve(file)));
    ready = true;
  }
  return pdfmake;
}
