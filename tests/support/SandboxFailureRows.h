#pragma once

/**
 * @brief Adds the `mode` (PlivoSandbox::FailureMode) and `reason` (QString) columns and one row for each
 *        way the local Plivo sandbox can refuse a send, with the reason Authdeck gives for it: the shared
 *        _data() table of the suites that show a provider's failure (Library and Multi-factor Auth).
 */
void addSandboxFailureRows();
