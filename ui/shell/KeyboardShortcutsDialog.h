#pragma once

#include "ui/common/Shortcut.h"

#include <QDialog>

class QMenuBar;

/**
 * @brief Help > Keyboard Shortcuts: every key of the window, read from the actions themselves.
 *
 * One group per menu of the menu bar, with each action that has a shortcut (submenus included, in menu
 * order), then the groups of keys that work in one place only, such as the code editor's. A key added to
 * an action or changed shows here without anything else to update.
 */
class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    KeyboardShortcutsDialog(const QList<ShortcutGroup> &groups, QWidget *parent = nullptr);

    /// The groups of @p menuBar: one per menu with a shortcut in it, titled as the menu without its "&".
    static QList<ShortcutGroup> menuGroups(const QMenuBar *menuBar);
    /// How the dialog writes @p keys: each in the platform's notation, joined by " or ".
    static QString keysText(const QList<QKeySequence> &keys);
};
