#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

/// A key that does something, as Help > Keyboard Shortcuts lists it: what it does, and its keys.
struct Shortcut
{
    QString text;
    QList<QKeySequence> keys;
};

/// The keys of one menu or one place of the window (such as the code editor).
struct ShortcutGroup
{
    QString title;
    QList<Shortcut> shortcuts;
};
