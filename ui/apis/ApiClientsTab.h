#pragma once

#include "ui/common/MessageBar.h"

#include <QWidget>

class ApiClientListModel;
class ApiClientRow;
class QLabel;
class QStackedWidget;
class QVBoxLayout;
class Tenant;

/**
 * @brief An API's Machine to Machine Applications tab: each machine-to-machine application of the tenant,
 *        whether it may call the API, and with which scopes, changed through each row's Update.
 *
 * Rows come and go with the applications; a grant changed elsewhere shows at once. Without any
 * machine-to-machine application it says so and offers to create one.
 */
class ApiClientsTab : public QWidget
{
    Q_OBJECT

public:
    ApiClientsTab(Tenant &tenant, const QString &apiName, QWidget *parent = nullptr);

    /// Reads the applications and their grants for @p audience again; unsaved choices are dropped.
    void load(const QString &audience);

    ApiClientListModel *model() const { return m_model; }
    /// The row of @p clientId, or null.
    ApiClientRow *row(const QString &clientId) const;

Q_SIGNALS:
    /// What happened, for the page's message bar.
    void message(const QString &text, MessageBar::Level level);
    void createApplicationRequested();

private:
    ApiClientRow *createRow(int modelRow);
    void rebuild();
    void updateEmptyState();

    Tenant &m_tenant;
    QString m_apiName;
    ApiClientListModel *m_model;
    QStackedWidget *m_body;
    QWidget *m_list;
    QVBoxLayout *m_rowsLayout;
    QWidget *m_empty;
    QList<ApiClientRow *> m_rows;
};
