#include "KeyboardShortcutsDialog.h"

#include "ui/common/Form.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    What,
    Keys,
};

/// @p text without its mnemonic marks ("&Quit" is "Quit"; "&&" stays one "&").
QString plain(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text;
}

/// The actions of @p menu with a shortcut, those of its submenus in place.
void collect(const QMenu *menu, QList<Shortcut> &into)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (const QMenu *submenu = action->menu())
            collect(submenu, into);
        else if (!action->shortcuts().isEmpty())
            into.append({plain(action->text()), action->shortcuts()});
    }
}

} // namespace

QList<ShortcutGroup> KeyboardShortcutsDialog::menuGroups(const QMenuBar *menuBar)
{
    QList<ShortcutGroup> groups;
    for (QAction *entry : menuBar->actions()) {
        const QMenu *menu = entry->menu();
        if (!menu)
            continue;
        ShortcutGroup group {plain(entry->text()), {}};
        collect(menu, group.shortcuts);
        if (!group.shortcuts.isEmpty())
            groups.append(group);
    }
    return groups;
}

QString KeyboardShortcutsDialog::keysText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &key : keys) {
        const QString text = key.toString(QKeySequence::NativeText);
        if (!text.isEmpty() && !texts.contains(text))
            texts.append(text);
    }
    return texts.join(tr(" or "));
}

KeyboardShortcutsDialog::KeyboardShortcutsDialog(const QList<ShortcutGroup> &groups, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(12);
    layout->addWidget(Form::pageHeader(tr("Keyboard Shortcuts"),
                                       tr("The keys of every menu, and those that work in one place only."),
                                       this));

    auto *list = new QTreeWidget(this);
    list->setObjectName(QStringLiteral("shortcutList"));
    list->setAccessibleName(tr("Keyboard shortcuts"));
    Form::setUpList(list);
    list->setRootIsDecorated(false);
    list->setItemsExpandable(false);
    list->setHeaderLabels({tr("Action"), tr("Keys")});
    QFont groupFont = list->font();
    groupFont.setBold(true);
    for (const ShortcutGroup &group : groups) {
        auto *title = new QTreeWidgetItem(list, {group.title});
        title->setFont(What, groupFont);
        title->setFlags(Qt::ItemIsEnabled);
        title->setFirstColumnSpanned(true);
        for (const Shortcut &shortcut : group.shortcuts) {
            auto *item = new QTreeWidgetItem(title, {shortcut.text, keysText(shortcut.keys)});
            item->setFlags(Qt::ItemIsEnabled);
        }
    }
    list->expandAll();
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setFocusPolicy(Qt::TabFocus);
    list->header()->setSectionResizeMode(What, QHeaderView::Stretch);
    list->header()->setSectionResizeMode(Keys, QHeaderView::ResizeToContents);
    list->header()->setStretchLastSection(false);
    layout->addWidget(list, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    Form::fitDialog(this, 560);
    // Every row in view when the screen has room, without a scroll bar.
    list->ensurePolished();
    int rows = 0;
    for (const ShortcutGroup &group : groups)
        rows += 1 + int(group.shortcuts.size());
    const int listHeight
        = list->header()->sizeHint().height() + rows * list->sizeHintForRow(0) + 2 * list->frameWidth();
    resize(width(), qMin(height() - list->height() + listHeight, 780));
}
