// Toolbar icons per state: the brand icon (assets/icon.svg) with a state badge
// (assets/badges/<state>.svg) on top, rendered to PNG by every build. @wxt-dev/auto-icons renders
// the plain icon set from the same SVG; it has no notion of states, hence this module.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { defineWxtModule } from 'wxt/modules';
import { TOOLBAR_SIZES, TOOLBAR_STATES, toolbarIconPath, type ToolbarState } from '../lib/connection/toolbar';

/** A fresh install is not connected yet; the background sets the true state as soon as it runs. */
const DEFAULT_STATE: ToolbarState = 'disconnected';

export default defineWxtModule({
  name: 'stagecoach:toolbar-icons',
  setup(wxt) {
    const asset = (name: string) => resolve(wxt.config.srcDir, 'assets', name);

    wxt.hooks.hook('build:manifestGenerated', (_wxt, manifest) => {
      const action = manifest.action ?? {};
      action.default_icon = Object.fromEntries(TOOLBAR_SIZES.map((size) => [size, toolbarIconPath(DEFAULT_STATE, size)]));
      manifest.action = action;
    });

    wxt.hooks.hook('build:done', async (wxt, output) => {
      await mkdir(resolve(wxt.config.outDir, 'icons'), { recursive: true });
      for (const state of TOOLBAR_STATES) {
        for (const size of TOOLBAR_SIZES) {
          let icon = sharp(asset('icon.svg')).resize(size);
          // Disconnected is drawn grey, so the badge is not the only sign (colour-blind readers).
          if (state === 'disconnected') icon = icon.grayscale();
          const badge = await sharp(asset(`badges/${state}.svg`)).resize(size).png().toBuffer();
          const base = await icon.png().toBuffer();
          const fileName = toolbarIconPath(state, size);
          await sharp(base).composite([{ input: badge }]).png().toFile(resolve(wxt.config.outDir, fileName));
          output.publicAssets.push({ type: 'asset', fileName });
        }
      }
    });

    wxt.hooks.hook('prepare:publicPaths', (_wxt, paths) => {
      for (const state of TOOLBAR_STATES) for (const size of TOOLBAR_SIZES) paths.push(toolbarIconPath(state, size));
    });
  },
});
