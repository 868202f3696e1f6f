#pragma once

#include "core/exchange/ImportPlan.h"

#include <QDialog>

#include <optional>

class ImportChangeModel;
class MessageBar;
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeView;
class Tenant;
class TenantImporter;

/**
 * @brief File > Import Tenant: a tenant.yaml or a folder in Deploy CLI's directory format, read and
 *        checked whole, its changes shown as the dashboard would show a diff, then applied all or nothing.
 *
 * The file is read and planned again whenever the options change (Allow deletions, the keyword
 * mappings) and once more right before Import, so that what is applied is what the list shows. A
 * refusal (naming the file and line) or bad keyword mappings disable Import; nothing is written before
 * Import. The import runs on the event loop: its steps show below the list, the dialog stays responsive
 * and cannot be closed until it is done.
 */
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(Tenant &tenant, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Reads and plans @p path: a YAML file, a folder holding tenant.yaml, or a folder in the directory
    /// format.
    void setSource(const QString &path);
    QString source() const { return m_source; }

    /// The plan the list shows; nothing when there is no source or it was refused.
    const std::optional<ImportPlan> &plan() const { return m_plan; }
    TenantImporter *importer() const { return m_importer; }
    bool isImporting() const;

public Q_SLOTS:
    void reject() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// Reads the source again with the keyword mappings and plans it with the options; shows the result.
    void replan();
    /// The keyword mappings typed, or the message saying why they are not a JSON object.
    std::optional<QJsonObject> keywords(QString *problem) const;
    void showPlan();
    void refuse(const QString &message);
    void startImport();
    void importFinished(const QString &error);
    void chooseFile();
    void chooseFolder();
    void updateButtons();

    Tenant &m_tenant;
    QString m_source;
    std::optional<ImportPlan> m_plan;
    TenantImporter *m_importer;
    ImportChangeModel *m_model;
    QTimer *m_replanTimer;
    QLineEdit *m_sourceEdit;
    MessageBar *m_message;
    QLabel *m_summary;
    QTreeView *m_tree;
    QLabel *m_emptyState;
    QLabel *m_notesTitle;
    QLabel *m_notes;
    QCheckBox *m_allowDelete;
    QLineEdit *m_keywords;
    QLabel *m_keywordsError;
    QWidget *m_progress;
    QLabel *m_progressText;
    QPushButton *m_import;
    QPushButton *m_cancel;
    bool m_imported = false;
};
