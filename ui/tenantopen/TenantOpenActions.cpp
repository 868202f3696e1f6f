#include "TenantOpenActions.h"

#include "ui/tenantopen/OpenTenantDialog.h"
#include "ui/tenantopen/RecentTenants.h"
#include "ui/tenantopen/TenantLocation.h"

#include <QAction>
#include <QMenu>

TenantOpenActions::TenantOpenActions(const QString &current, QWidget *window)
    : QObject(window)
    , m_current(current)
    , m_window(window)
    , m_open(new QAction(tr("&Open Tenant…"), this))
    , m_recent(new QMenu(tr("Open &Recent"), window))
{
    m_open->setObjectName(QStringLiteral("openTenantAction"));
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_open->setStatusTip(tr("Open a tenant file or a tenant on a PostgreSQL server in a new window"));
    m_recent->setObjectName(QStringLiteral("recentTenantsMenu"));
    connect(m_open, &QAction::triggered, this, &TenantOpenActions::showOpen);
    connect(m_recent, &QMenu::aboutToShow, this, &TenantOpenActions::fillRecent);
    fillRecent();
}

OpenTenantDialog *TenantOpenActions::showOpen()
{
    auto *dialog = new OpenTenantDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Q_EMIT openRequested(dialog->location(), dialog->password(), dialog->remembersPassword());
    });
    dialog->open();
    return dialog;
}

void TenantOpenActions::fillRecent()
{
    m_recent->clear();
    QStringList locations = RecentTenants::list();
    locations.removeAll(m_current);
    for (const QString &location : std::as_const(locations)) {
        QAction *action = m_recent->addAction(TenantLocation::describe(location), this, [this, location] {
            Q_EMIT openRequested(location, {}, false);
        });
        action->setToolTip(location);
    }
    if (locations.isEmpty()) {
        m_recent->addAction(tr("No recent tenants"))->setEnabled(false);
        return;
    }
    m_recent->addSeparator();
    QAction *clear = m_recent->addAction(tr("&Clear the List"), this, [this] {
        RecentTenants::clear();
        fillRecent();
    });
    clear->setObjectName(QStringLiteral("clearRecentTenantsAction"));
}
