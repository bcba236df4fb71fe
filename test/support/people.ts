/** The colleagues the app tests act as; the admin (Sanne) is in test-app.ts. */
export const mohamed = { id: '29:mohamed', aadObjectId: 'aad-mohamed', name: 'Mohamed El Amrani' };
export const lotte = { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' };
export const pieter = { id: '29:pieter', aadObjectId: 'aad-pieter', name: 'Pieter Bakker' };
export const jeroen = { id: '29:jeroen', aadObjectId: 'aad-jeroen', name: 'Jeroen de Boer' };
