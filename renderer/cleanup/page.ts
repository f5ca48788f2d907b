// The cleanup window: the shared cleanup component on its own page.

import { CleanupView } from '../shared/cleanup-view';
import { byId } from '../shared/dom';
import { bridge } from '../shared/eci';

const view = new CleanupView(bridge(), { level: 2 });
byId('cleanup').append(view.root);
void view.load();
