/** Field types shared by every content schema: ids, references, Markdown text, asset paths. */
import { z } from 'zod';

export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'an id uses lowercase letters, digits and hyphens, e.g. "model-drift"');
/** A Markdown string. */
export const md = z.string().trim().min(1, 'must not be empty');
export const mdList = z.array(md);
export const ref = idSchema;
export const refs = z.array(ref);
/** A path inside content/ to an image or other asset. */
export const assetPath = z
  .string()
  .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_\-./]+\.(png|jpe?g|gif|webp|svg)$/, 'a relative path inside content/ to a .png, .jpg, .gif, .webp or .svg file');
