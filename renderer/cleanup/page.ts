// The cleanup window: the shared cleanup component on its own page.

import { CleanupView } from '../common/cleanup-view';
import { byId } from '../common/dom';
import { bridge } from '../common/eci';

const view = new CleanupView(bridge(), { level: 2 });
byId('cleanup').append(view.root);
void view.load();
