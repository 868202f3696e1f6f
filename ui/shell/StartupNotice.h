#pragma once

#include <QString>

class QWidget;

/**
 * @brief What `authdeck` tells the admin in a box while it starts: that it cannot start, or that the demo
 *        tenant was not made. Both are ConfirmationBoxes with a single OK, in the flat look.
 *
 * The caller decides whether there is a screen to show them on (offscreen and minimal platforms have none).
 */
namespace StartupNotice {

/// Says why the application cannot start (a tenant that did not open), before any window exists.
void cannotStart(const QString &reason);

/// Says over @p window why the demo tenant was not made, as the DemoSeeder reported it in @p error.
void demoNotSeeded(QWidget *window, const QString &error);

} // namespace StartupNotice
