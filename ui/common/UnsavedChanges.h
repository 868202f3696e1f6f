#pragma once

#include <QString>

#include <functional>

class QWidget;

/**
 * @brief The question every page asks before it is left with changes: keep them (Save, or Apply for a
 *        flow), drop them, or stay.
 */
namespace UnsavedChanges {

struct Question
{
    QString title;
    QString text;
    QString informative;
    QString objectName = QStringLiteral("unsavedChangesBox");
    bool apply = false; ///< the keep button reads Apply instead of Save
};

/// Asks @p question; runs @p keep or @p drop as answered. Returns whether the page may be left.
bool confirm(QWidget *parent,
             const Question &question,
             const std::function<bool()> &keep,
             const std::function<void()> &drop);

} // namespace UnsavedChanges
