#include "TenantExchangeActions.h"

#include "ui/exchange/ExportDialog.h"
#include "ui/exchange/ImportDialog.h"

#include <QAction>

TenantExchangeActions::TenantExchangeActions(Tenant &tenant, QWidget *window)
    : QObject(window)
    , m_tenant(tenant)
    , m_window(window)
    , m_export(new QAction(tr("&Export Tenant…"), this))
    , m_import(new QAction(tr("&Import Tenant…"), this))
{
    m_export->setObjectName(QStringLiteral("exportTenantAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_export->setStatusTip(tr("Write the tenant in Auth0 Deploy CLI's YAML or directory format"));
    m_import->setObjectName(QStringLiteral("importTenantAction"));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_import->setStatusTip(tr("Apply a tenant.yaml or a directory written by Auth0 Deploy CLI"));
    connect(m_export, &QAction::triggered, this, &TenantExchangeActions::showExport);
    connect(m_import, &QAction::triggered, this, &TenantExchangeActions::showImport);
}

ExportDialog *TenantExchangeActions::showExport()
{
    auto *dialog = new ExportDialog(m_tenant, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

ImportDialog *TenantExchangeActions::showImport()
{
    auto *dialog = new ImportDialog(m_tenant, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}
