// What every listener module receives: the services and a logger, never the entry file.
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";

export interface ListenerDeps {
  services: Services;
  logger: Logger;
}
