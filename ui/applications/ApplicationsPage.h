#pragma once

#include "ui/shell/Page.h"

class ApplicationFilterModel;
class ApplicationListModel;
class MessageBar;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTreeView;
class Tenant;

/**
 * @brief Applications: the list with search as you type, and Create Application.
 */
class ApplicationsPage : public Page
{
    Q_OBJECT

public:
    ApplicationsPage(Tenant &tenant, QWidget *parent = nullptr);

    /// "create" opens the Create Application dialog at once.
    void open(const QString &argument) override;

    ApplicationListModel *model() const { return m_model; }
    ApplicationFilterModel *filter() const { return m_filter; }

    /// Opens the Create Application dialog; on success, opens the new application.
    void createApplication();

private:
    void openRow(const QModelIndex &index);
    void updateEmptyState();

    Tenant &m_tenant;
    ApplicationListModel *m_model;
    ApplicationFilterModel *m_filter;
    MessageBar *m_message;
    QLineEdit *m_search;
    QStackedWidget *m_body;
    QTreeView *m_view;
    QLabel *m_empty;
    bool m_loaded = false;
};
