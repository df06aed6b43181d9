/** The ids of the offer's buttons and the modal that edits and previews a customer message. */
export const customerMessageIds = {
  edit: 'custmsg.edit',
  send: 'custmsg.send',
  editForm: 'custmsg.edit_form',
  previewForm: 'custmsg.preview_form',
} as const;
