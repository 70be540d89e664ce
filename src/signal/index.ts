/** The signal receiver's public API: run it in-process, or talk to a running one. */
export { MAX_BODY_BYTES, startSignalReceiver } from "./server";
export type { SignalReceiver, SignalReceiverOptions } from "./server";
export { clearSignals, readHandle, registerHandle, removeHandle } from "./client";
export type { HandleState, ReceiverConnection, RegisteredHandle } from "./client";
export type { SignalReceiverArgs } from "./receiverConfig";
