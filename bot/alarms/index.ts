/** Alarms: buttons and their webhook, the alarm card, responders, escalation, the button CLI. The public face: other capabilities and the composition root import only this. */
export { type AlarmSettings } from './alarm-deps';
export { outcomeLabels, type Alarm } from './alarm-model';
export { type AlarmStore } from './alarm-store';
export { createAlarmTable } from './alarm-table';
export { createAlarmsModule } from './alarms-module';
export { kindLabels } from './button-model';
export { alarmFactsFrom, offerReportCard, registeredLocations } from './offer-report';
export {
  forgetPersonAlarmAddress,
  personSlotId,
  raisePersonAlarm,
  type PersonAlarmRequest,
  type PersonAlarmResult,
  type RaisePersonAlarm,
} from './raise-person-alarm';
export { personAlarmKinds, type PersonAlarmKind } from './alarm-model';
