export {
  forgetPersonAlarmAddress,
  personSlotId,
  raisePersonAlarm,
  type PersonAlarmRequest,
  type PersonAlarmResult,
  type RaisePersonAlarm,
} from './raise-person-alarm';
export { personAlarmKinds, type PersonAlarmKind } from './alarm-model';
