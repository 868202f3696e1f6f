#pragma once

#include "ui/shell/Page.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

/**
 * @brief The left navigation, grouped in sections like the identity dashboard.
 */
class Sidebar : public QWidget
{
    Q_OBJECT

public:
    explicit Sidebar(QWidget *parent = nullptr);

    /// Adds a section heading; entries added after it belong to it.
    void addSection(const QString &title);
    void addEntry(Page::Id page, const QString &title, const QString &icon);
    /// Highlights @p page without emitting pageRequested().
    void setCurrent(Page::Id page);
    void setTenantName(const QString &name);
    /// Where the tenant lives (a file, or a PostgreSQL server and database), under its name.
    void setTenantLocation(const QString &location);

Q_SIGNALS:
    void pageRequested(Page::Id page);

private:
    void updateIcons();

    QLabel *m_tenant;
    QLabel *m_location;
    QListWidget *m_list;
};
