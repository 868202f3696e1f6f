#pragma once

#include <QObject>

class ExportDialog;
class ImportDialog;
class QAction;
class QWidget;
class Tenant;

/**
 * @brief File > Export Tenant… and File > Import Tenant…: the two menu actions and the dialogs they open
 *        over @p window (each its own, deleted when closed).
 */
class TenantExchangeActions : public QObject
{
    Q_OBJECT

public:
    TenantExchangeActions(Tenant &tenant, QWidget *window);

    QAction *exportAction() const { return m_export; }
    QAction *importAction() const { return m_import; }

    /// Opens the export dialog; it is deleted when closed.
    ExportDialog *showExport();
    /// Opens the import dialog with no source yet; it is deleted when closed.
    ImportDialog *showImport();

private:
    Tenant &m_tenant;
    QWidget *m_window;
    QAction *m_export;
    QAction *m_import;
};
