#pragma once

#include "ui/shell/Page.h"

class LogListModel;
class MessageBar;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTreeView;
class Tenant;

/**
 * @brief Monitoring > Logs: the tenant's events newest first, live, filtered by type, user and dates,
 *        with the selected event as JSON in a detail pane.
 *
 * The list reads a page of events at a time as it scrolls, filtered by the store, so every event can
 * be reached and the page answers within a frame at 1,000,000 events.
 */
class LogsPage : public Page
{
    Q_OBJECT

public:
    LogsPage(Tenant &tenant, QWidget *parent = nullptr);

    /// A log id selects that event once loaded.
    void open(const QString &argument) override;

    LogListModel *model() const { return m_model; }

    /// Selects the event @p logId if the filters show it, reading on to it; false otherwise.
    bool selectEvent(const QString &logId);

private:
    QString selectedLogId() const;
    void updateTypes();
    void applyFilters();
    void showDetail();
    void showError(const QString &error);
    void updateEmptyState();
    /// Shows how many events could not be written since the tenant was opened (hidden while none).
    void updateLostCount();

    Tenant &m_tenant;
    LogListModel *m_model;
    MessageBar *m_message;
    QComboBox *m_type;
    QLineEdit *m_user;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QStackedWidget *m_body;
    QTreeView *m_view;
    QLabel *m_empty;
    QPlainTextEdit *m_detail;
    QLabel *m_lost;
    bool m_loaded = false;
};
