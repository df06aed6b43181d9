/** Ids of the Settings modal and the forms pushed on it, shared by the views and their listeners. */
export const settingsIds = {
  /** The App Home's Settings button (admins). */
  homeButton: 'home.settings',
  callbackId: 'settings',
  editDepartment: 'settings.edit_department',
  addDepartment: 'settings.add_department',
  pickPerson: 'settings.pick_person',
  page: 'settings.page',
  editChannels: 'settings.edit_channels',
  channelsCallbackId: 'settings_channels',
  departmentCallbackId: 'settings_department',
  personCallbackId: 'settings_person',
} as const;
