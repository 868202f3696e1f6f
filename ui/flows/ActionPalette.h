#pragma once

#include "core/flows/ActionRef.h"

#include <QWidget>

class FlowService;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QStackedWidget;
class QTabWidget;

/**
 * @brief The "Add Action" panel: the actions that can be bound to one trigger, under Installed (the
 *        installed integrations) and Custom (the deployed custom actions), with search. Items drag onto the
 *        flow; Enter inserts the current item.
 *
 * The lists are read by load(); the editor calls it again when actions come, change or go. When the
 * trigger has no deployed custom action, the Custom tab says how to get one, with a link to the Library.
 */
class ActionPalette : public QWidget
{
    Q_OBJECT

public:
    explicit ActionPalette(FlowService &service, QWidget *parent = nullptr);

    /// Lists the actions for @p triggerId.
    void load(const QString &triggerId);
    /// Lists the actions for the trigger loaded last again.
    void reload() { load(m_triggerId); }
    QListWidget *installedList() const { return m_installed; }
    QListWidget *customList() const { return m_custom; }

Q_SIGNALS:
    /// Enter (or a double click) on an item.
    void insertRequested(const ActionRef &action);
    /// The link of the Custom tab's empty state: the admin wants to write a custom action.
    void customLibraryRequested();

private:
    void filter(const QString &text);
    QListWidgetItem *itemFor(const ActionRef &action, QListWidget *list);

    FlowService &m_service;
    QString m_triggerId;
    QLineEdit *m_search;
    QTabWidget *m_tabs;
    QListWidget *m_installed;
    QListWidget *m_custom;
    QStackedWidget *m_customPane; ///< the custom list, or its empty state
    QWidget *m_customEmpty;
};
