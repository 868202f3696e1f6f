#include "ConfigureIntegrationDialog.h"

#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/delivery/SmsGateway.h"
#include "core/phone/PhoneNumber.h"
#include "core/plivo/PlivoSandbox.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace { } // namespace

ConfigureIntegrationDialog::ConfigureIntegrationDialog(IntegrationService &service,
                                                       SmsGateway &gateway,
                                                       const CatalogEntry &entry,
                                                       QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_gateway(gateway)
    , m_entry(entry)
{
    build();
}

ConfigureIntegrationDialog::ConfigureIntegrationDialog(IntegrationService &service,
                                                       SmsGateway &gateway,
                                                       const Integration &integration,
                                                       QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_gateway(gateway)
    , m_integration(integration)
{
    if (const CatalogEntry *entry = service.catalog().find(integration.catalogId))
        m_entry = *entry;
    build();
}

ConfigureIntegrationDialog::Field *ConfigureIntegrationDialog::field(const QString &key)
{
    for (Field &f : m_fields) {
        if (f.input.key == key)
            return &f;
    }
    return nullptr;
}

void ConfigureIntegrationDialog::build()
{
    setObjectName(QStringLiteral("configureIntegrationDialog"));
    setWindowTitle(isEditing() ? tr("Edit %1").arg(m_entry.name) : tr("Configure %1").arg(m_entry.name));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(6);
    auto *head = new QHBoxLayout;
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(m_entry.logo).pixmap(40, 40));
    head->addWidget(logo);
    head->addWidget(Form::pageHeader(windowTitle(),
                                     isEditing()
                                         ? tr("Secrets are never shown again: type a new value to "
                                              "replace one, or leave it empty to keep it.")
                                         : tr("Give %1 what it needs to send codes.").arg(m_entry.name),
                                     this),
                    1);
    layout->addLayout(head);
    layout->addSpacing(10);

    m_useSandbox = new QCheckBox(tr("Use the local test phone (no Plivo account)"), this);
    m_useSandbox->setObjectName(QStringLiteral("useSandboxCheck"));
    layout->addWidget(m_useSandbox);
    m_sandboxHint
        = Form::hint(tr("Codes go to Authdeck's Test phone window instead of a real phone: the local "
                        "sandbox speaks Plivo's API, with its own credentials."),
                     this);
    layout->addWidget(m_sandboxHint);
    m_sandboxNote
        = new QLabel(tr("The test phone needs nothing from you: no Plivo account, no credentials and "
                        "no number. Codes are sent from %1 to Authdeck's Test phone window "
                        "(Tools > Test phone).")
                         .arg(PlivoSandbox::senderNumber()),
                     this);
    m_sandboxNote->setObjectName(QStringLiteral("sandboxNote"));
    m_sandboxNote->setProperty("role", QStringLiteral("note"));
    m_sandboxNote->setWordWrap(true);
    layout->addWidget(m_sandboxNote);
    layout->addSpacing(10);

    for (const IntegrationInput &input : std::as_const(m_entry.inputs)) {
        auto *box = new QWidget(this);
        box->setObjectName(QStringLiteral("field-") + input.key);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 8);
        boxLayout->setSpacing(6);
        Field f {input, new QLineEdit(box), Form::error(QStringLiteral("error-") + input.key, box), box};
        f.edit->setObjectName(QStringLiteral("input-") + input.key);
        f.edit->setPlaceholderText(input.placeholder);
        if (input.isSecret()) {
            // The Auth ID names the account, like a user name: kept with the secrets, but typed in clear.
            if (input.key != PlivoIntegration::AuthId)
                f.edit->setEchoMode(QLineEdit::Password);
            if (isEditing())
                f.edit->setPlaceholderText(m_integration.secretsSet.contains(input.key)
                                               ? tr("Set: type a new value to replace it")
                                               : tr("Not set"));
        } else {
            f.edit->setText(m_integration.configuration.value(input.key));
        }
        boxLayout->addWidget(Form::label(input.label, f.edit, box));
        if (input.key == PlivoIntegration::Number) {
            auto *row = new QHBoxLayout;
            row->addWidget(f.edit, 1);
            m_pick = Form::button(tr("Choose from account…"), {}, QStringLiteral("pickNumberButton"), box);
            row->addWidget(m_pick);
            boxLayout->addLayout(row);
            connect(f.edit, &QLineEdit::editingFinished, this, &ConfigureIntegrationDialog::normalizeNumber);
        } else {
            boxLayout->addWidget(f.edit);
        }
        boxLayout->addWidget(f.error);
        boxLayout->addWidget(Form::hint(input.help, box));
        layout->addWidget(box);
        m_fields.append(f);
    }

    m_testRow = new QWidget(this);
    m_testRow->setObjectName(QStringLiteral("testRow"));
    auto *testRow = new QHBoxLayout(m_testRow);
    testRow->setContentsMargins(0, 0, 0, 0);
    m_test = Form::button(tr("Test connection"), {}, QStringLiteral("testConnectionButton"), m_testRow);
    testRow->addWidget(m_test);
    m_connection = new QLabel(m_testRow);
    m_connection->setObjectName(QStringLiteral("connectionResult"));
    m_connection->setWordWrap(true);
    testRow->addWidget(m_connection, 1);
    layout->addWidget(m_testRow);
    m_error = Form::error(QStringLiteral("formError"), this);
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(isEditing() ? tr("Save") : tr("Create"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveIntegrationButton"));
    m_save->setDefault(true);
    Form::setKind(m_save, QStringLiteral("primary"));
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ConfigureIntegrationDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_useSandbox->setChecked(m_integration.useSandbox);
    useSandboxChanged(m_integration.useSandbox);
    connect(m_useSandbox, &QCheckBox::toggled, this, &ConfigureIntegrationDialog::useSandboxChanged);
    connect(m_test, &QPushButton::clicked, this, &ConfigureIntegrationDialog::testConnection);
    if (m_pick)
        connect(m_pick, &QPushButton::clicked, this, &ConfigureIntegrationDialog::pickNumber);
    Form::fitDialog(this, 560);
}

QString ConfigureIntegrationDialog::secretPlaceholder(const IntegrationInput &input) const
{
    if (m_useSandbox->isChecked())
        return tr("Not needed for the test phone");
    if (!isEditing())
        return input.placeholder;
    return m_integration.secretsSet.contains(input.key) ? tr("Set: type a new value to replace it")
                                                        : tr("Not set");
}

void ConfigureIntegrationDialog::useSandboxChanged(bool useSandbox)
{
    for (Field &f : m_fields) {
        f.box->setEnabled(!useSandbox);
        if (!f.input.isSecret())
            continue;
        if (useSandbox)
            f.edit->clear(); // nothing typed for Plivo is kept for the test phone
        f.edit->setPlaceholderText(secretPlaceholder(f.input));
    }
    // The test phone sends from one of its own numbers; the Plivo number comes back when it is turned off.
    if (Field *number = field(PlivoIntegration::Number)) {
        const bool sandboxNumber = m_gateway.sandbox().numbers().contains(number->edit->text());
        if (useSandbox && !sandboxNumber) {
            m_plivoNumber = number->edit->text();
            number->edit->setText(PlivoSandbox::senderNumber());
            Form::setError(number->error, number->edit, {});
        } else if (!useSandbox && m_sandboxShown && sandboxNumber) {
            number->edit->setText(m_plivoNumber);
        }
    }
    m_sandboxShown = useSandbox;
    m_testRow->setEnabled(!useSandbox);
    m_sandboxHint->setVisible(!useSandbox);
    m_sandboxNote->setVisible(useSandbox);
    m_connection->clear();
    if (isVisible()) // the note is taller than the hint it replaces: nothing below it is squeezed
        Form::fitDialog(this, width());
}

void ConfigureIntegrationDialog::normalizeNumber()
{
    Field *number = field(PlivoIntegration::Number);
    if (!number || number->edit->text().trimmed().isEmpty())
        return;
    const auto e164 = PhoneNumber::toE164(number->edit->text());
    if (e164)
        number->edit->setText(e164.value());
    Form::setError(number->error, number->edit, e164 ? QString() : e164.error().message());
}

AccountCheck *ConfigureIntegrationDialog::checkAccount(bool listNumbers)
{
    // Fields left empty keep the stored secrets, which core reads for itself.
    PlivoOverrides typed;
    if (Field *authId = field(PlivoIntegration::AuthId))
        typed.authId = authId->edit->text();
    if (Field *token = field(PlivoIntegration::AuthToken))
        typed.authToken = token->edit->text();
    const QString stored = isEditing() ? m_integration.id : QString();
    const bool sandbox = m_useSandbox->isChecked();
    return listNumbers ? m_gateway.listNumbers(stored, typed, sandbox)
                       : m_gateway.testConnection(stored, typed, sandbox);
}

QString ConfigureIntegrationDialog::failureText(const PlivoResult &result)
{
    // A check that core refused to send says what is missing in its own words.
    const bool refused = result.status() == PlivoResult::Status::Rejected && !result.requestSent();
    return refused ? result.detail() : result.message();
}

void ConfigureIntegrationDialog::showConnection(const QString &text, const QString &role)
{
    m_connection->setText(text);
    m_connection->setProperty("role", role);
    Form::repolish(m_connection);
}

void ConfigureIntegrationDialog::testConnection()
{
    Form::setError(m_error, nullptr, {});
    showConnection(tr("Connecting…"), QStringLiteral("muted"));
    m_test->setEnabled(false);
    connect(checkAccount(false), &AccountCheck::finished, this, [this](const PlivoResult &result) {
        m_test->setEnabled(true);
        const auto account = PlivoAccount::fromJson(result.body());
        if (!result.succeeded() || !account) {
            showConnection(result.succeeded() ? tr("Plivo answered, but not with an account.")
                                              : failureText(result),
                           QStringLiteral("error"));
            return;
        }
        const QString type
            = account->accountType == QLatin1String("developer") ? tr("trial") : account->accountType;
        showConnection(
            tr("Connected to “%1” · %2 account · %3 credit").arg(account->name, type, account->cashCredits),
            QStringLiteral("success"));
    });
}

void ConfigureIntegrationDialog::pickNumber()
{
    m_pick->setEnabled(false);
    const auto failed = [this](const QString &error) {
        m_pick->setEnabled(true);
        showConnection(error, QStringLiteral("error"));
    };
    connect(checkAccount(true), &AccountCheck::finished, this, [this, failed](const PlivoResult &result) {
        if (!result.succeeded())
            return failed(failureText(result));
        m_pick->setEnabled(true);
        const QList<PlivoNumber> numbers = PlivoNumber::listFromJson(result.body());
        if (numbers.isEmpty())
            return showConnection(tr("The account has no SMS-enabled number."), QStringLiteral("error"));
        auto *menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("numberMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (const PlivoNumber &number : numbers) {
            const QString label = number.alias.isEmpty()
                ? tr("%1 · %2").arg(number.e164(), number.country)
                : tr("%1 · %2 · %3").arg(number.e164(), number.alias, number.country);
            const QString e164 = number.e164();
            menu->addAction(label, this, [this, e164] {
                if (Field *f = field(PlivoIntegration::Number)) {
                    f->edit->setText(e164);
                    normalizeNumber();
                }
            });
        }
        menu->popup(m_pick->mapToGlobal(QPoint(0, m_pick->height())));
    });
}

void ConfigureIntegrationDialog::showProblems(const QHash<QString, QString> &problems)
{
    for (Field &f : m_fields)
        Form::setError(f.error, f.edit, problems.value(f.input.key));
    Form::setError(m_error,
                   nullptr,
                   problems.isEmpty() ? QString() : tr("Nothing was saved: fix the fields marked above."));
}

void ConfigureIntegrationDialog::accept()
{
    normalizeNumber();
    QHash<QString, QString> configuration;
    QHash<QString, QByteArray> secrets;
    for (const Field &f : std::as_const(m_fields)) {
        if (f.input.isSecret()) {
            if (!f.edit->text().isEmpty())
                secrets.insert(f.input.key, f.edit->text().toUtf8());
        } else {
            configuration.insert(f.input.key, f.edit->text().trimmed());
        }
    }
    const bool useSandbox = m_useSandbox->isChecked();
    const QHash<QString, QString> problems
        = IntegrationService::validate(m_entry, configuration, secrets, useSandbox, m_integration.secretsSet);
    showProblems(problems);
    if (!problems.isEmpty())
        return;

    IntegrationJob *job = nullptr;
    if (isEditing()) {
        Integration edited = m_integration;
        edited.configuration = configuration;
        edited.useSandbox = useSandbox;
        job = m_service.reconfigure(edited, secrets);
    } else {
        job = m_service.install(m_entry.id, configuration, secrets, useSandbox);
    }
    m_save->setEnabled(false);
    connect(job, &IntegrationJob::finished, this, [this](IntegrationJob *done) {
        m_save->setEnabled(true);
        if (done->succeeded())
            return QDialog::accept();
        if (!done->problems().isEmpty())
            showProblems(done->problems());
        Form::setError(m_error, nullptr, tr("Nothing was saved: %1").arg(done->error()->message()));
    });
}
