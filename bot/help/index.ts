/** Help: the `help` command and the welcome message. The public face: other capabilities and the composition root import only this. */
export { helpCommand, helpMessage } from './help-command';
