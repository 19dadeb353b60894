/**
 * The helpdesk's `cut`: the project's one jieba segmenter (src/policies, with its domain words; the requests' routing
 * uses the same), precise mode. Kept out of ./core so the pure core (and the web) never load the native segmenter.
 */
import { segmenter } from '../policies/index.js';
import type { Cut } from './core/index.js';

export const cut: Cut = (text) => segmenter().cut(text, true);
