export declare const INSTALL_HINT: string
export declare function requireNatsServer(): string
export interface NatsServer {
  port: number
  wsPort: number
  url: string
  wsUrl: string
  storeDir: string
  stop(options?: { kill?: boolean; keepStore?: boolean }): Promise<void>
  restart(): Promise<NatsServer>
}
export declare function startNatsServer(options?: {
  jetstream?: boolean
  port?: number
  wsPort?: number
  websocket?: string
  extraConfig?: string
  storeDir?: string
}): Promise<NatsServer>
