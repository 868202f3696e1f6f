#pragma once

#include <QString>
#include <QStringList>

class QWidget;

/**
 * @brief What `authdeck` tells the admin in a box while it starts: that it cannot start, that the demo tenant
 *        was not made, or what the check of secrets after an interruption found. All are ConfirmationBoxes
 * with a single OK, in the flat look.
 *
 * The caller decides whether there is a screen to show them on (offscreen and minimal platforms have none).
 */
namespace StartupNotice {

/// Says why the application cannot start (a tenant that did not open), before any window exists.
void cannotStart(const QString &reason);

/// Says over @p window why the demo tenant was not made, as the DemoSeeder reported it in @p error.
void demoNotSeeded(QWidget *window, const QString &error);

/**
 * @brief Says over @p window, without waiting for it to be read, what the tenant's SecretRecovery found:
 *        @p notices, its messages; a warning unless @p allRepaired.
 */
void secretsRecovered(QWidget *window, const QStringList &notices, bool allRepaired);

} // namespace StartupNotice
