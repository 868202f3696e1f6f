#pragma once

#include "flows/ActionRef.h"

#include <QWidget>

class FlowService;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QTabWidget;

/**
 * @brief The "Add Action" panel: the actions that can be bound to one trigger, under Installed and
 *        Custom, with search. Items drag onto the flow; Enter inserts the current item.
 */
class ActionPalette : public QWidget
{
    Q_OBJECT

public:
    explicit ActionPalette(FlowService &service, QWidget *parent = nullptr);

    /// Lists the actions for @p triggerId.
    void load(const QString &triggerId);
    QListWidget *installedList() const { return m_installed; }
    QListWidget *customList() const { return m_custom; }

Q_SIGNALS:
    /// Enter (or a double click) on an item.
    void insertRequested(const ActionRef &action);

private:
    void filter(const QString &text);
    QListWidgetItem *itemFor(const ActionRef &action, QListWidget *list);

    FlowService &m_service;
    QString m_triggerId;
    QLineEdit *m_search;
    QTabWidget *m_tabs;
    QListWidget *m_installed;
    QListWidget *m_custom;
};
