#pragma once

#include "core/actions/IntegrationCatalog.h"
#include "core/model/Integration.h"
#include "core/plivo/PlivoTypes.h"

#include <QDialog>
#include <QHash>

#include <functional>

class AccountCheck;
class PlivoResult;
class IntegrationService;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class SmsGateway;

/**
 * @brief The configuration form of an integration: its inputs from the catalog, the local test phone
 *        choice, Test connection and the number picker. Creates the integration, or saves an
 *        installed one (secrets shown as set or not set, never their values).
 */
class ConfigureIntegrationDialog : public QDialog
{
    Q_OBJECT

public:
    /// Installs @p entry.
    ConfigureIntegrationDialog(IntegrationService &service,
                               SmsGateway &gateway,
                               const CatalogEntry &entry,
                               QWidget *parent = nullptr);
    /// Edits installed @p integration.
    ConfigureIntegrationDialog(IntegrationService &service,
                               SmsGateway &gateway,
                               const Integration &integration,
                               QWidget *parent = nullptr);

    void accept() override;

private:
    struct Field
    {
        IntegrationInput input;
        QLineEdit *edit = nullptr;
        QLabel *error = nullptr;
        QWidget *box = nullptr; ///< the label, the field, its error and its help: disabled together
    };

    void build();
    /// The test phone needs none of the account's fields: they are disabled, and a note says so.
    void useSandboxChanged(bool useSandbox);
    /// The secret inputs' placeholder: what is stored, or that the test phone needs none.
    QString secretPlaceholder(const IntegrationInput &input) const;
    void normalizeNumber();
    void testConnection();
    void pickNumber();
    /// Asks core to look at the account (or list its numbers) with the credentials typed in; core fills
    /// fields left empty from the stored secrets.
    AccountCheck *checkAccount(bool listNumbers);
    /// What the connection line says of a failed check.
    static QString failureText(const PlivoResult &result);
    void showConnection(const QString &text, const QString &role);
    void showProblems(const QHash<QString, QString> &problems);
    bool isEditing() const { return !m_integration.id.isEmpty(); }
    Field *field(const QString &key);

    IntegrationService &m_service;
    SmsGateway &m_gateway;
    CatalogEntry m_entry;
    Integration m_integration;
    QList<Field> m_fields;
    QCheckBox *m_useSandbox = nullptr;
    QLabel *m_sandboxHint = nullptr;
    QLabel *m_sandboxNote = nullptr;
    QWidget *m_testRow = nullptr;
    QString m_plivoNumber; ///< the number typed for Plivo, given back when the test phone is turned off
    bool m_sandboxShown = false; ///< whether the form shows the test phone's choice
    QPushButton *m_test = nullptr;
    QPushButton *m_pick = nullptr;
    QLabel *m_connection = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_save = nullptr;
};
