// The app's confirmation: a native dialog, so only the user (not a page) can say yes.

import type { ConfirmRequest } from './app-core';
import type { DialogLike } from './electron-types';

export async function confirmWithDialog(dialog: DialogLike, request: ConfirmRequest): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: request.title,
    message: request.message,
    detail: request.detail,
    buttons: ['Cancel', request.confirmLabel],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}
