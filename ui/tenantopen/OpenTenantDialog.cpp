#include "OpenTenantDialog.h"

#include "core/store/PostgresAddress.h"
#include "ui/common/ChoiceCard.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

const QStringList kSslModes {QStringLiteral("disable"),
                             QStringLiteral("prefer"),
                             QStringLiteral("require"),
                             QStringLiteral("verify-ca"),
                             QStringLiteral("verify-full")};

/// A field with its bold label above it and its error line below, in a column of @p grid.
void addField(QGridLayout *grid, int row, int column, QLabel *label, QWidget *field, QLabel *error)
{
    grid->addWidget(label, row, column);
    grid->addWidget(field, row + 1, column);
    if (error)
        grid->addWidget(error, row + 2, column);
}

} // namespace

OpenTenantDialog::OpenTenantDialog(QWidget *parent)
    : QDialog(parent)
    , m_fileCard(new ChoiceCard(QStringLiteral("logs"),
                                tr("Tenant file"),
                                tr("A tenant of your own, in one file on this computer."),
                                this))
    , m_serverCard(new ChoiceCard(QStringLiteral("users"),
                                  tr("PostgreSQL server"),
                                  tr("A team tenant, in a database that everyone opens."),
                                  this))
    , m_message(new MessageBar(this))
{
    setObjectName(QStringLiteral("openTenantDialog"));
    setWindowTitle(tr("Open Tenant"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(8);
    layout->addWidget(Form::pageHeader(
        tr("Open Tenant"), tr("Open another tenant in a window of its own; this one stays open."), this));
    layout->addSpacing(8);

    auto *kinds = new QButtonGroup(this);
    m_fileCard->setObjectName(QStringLiteral("tenantFileCard"));
    m_serverCard->setObjectName(QStringLiteral("postgresServerCard"));
    auto *kindRow = new QHBoxLayout;
    kindRow->setSpacing(10);
    for (ChoiceCard *card : {m_fileCard, m_serverCard}) {
        card->setCheckable(true);
        kinds->addButton(card);
        kindRow->addWidget(card);
    }
    layout->addLayout(kindRow);
    layout->addSpacing(6);
    m_filePanel = buildFilePanel();
    m_serverPanel = buildServerPanel();
    layout->addWidget(m_filePanel);
    layout->addWidget(m_serverPanel);
    m_message->setObjectName(QStringLiteral("openTenantMessage"));
    layout->addWidget(m_message);
    layout->addStretch(1);

    // Test connection is about the fields, not the dialog's outcome: on the left, away from Open.
    m_test = Form::button(tr("&Test connection"), {}, QStringLiteral("testConnectionButton"), this);
    auto *buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("openButton"));
    Form::setKind(m_open, QStringLiteral("primary"));
    m_open->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addSpacing(8);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_test);
    buttonRow->addStretch(1);
    buttonRow->addWidget(buttons);
    layout->addLayout(buttonRow);

    m_fileCard->setChecked(true);
    updatePanels();
    connect(kinds, &QButtonGroup::buttonToggled, this, &OpenTenantDialog::updatePanels);
    connect(m_test, &QPushButton::clicked, this, &OpenTenantDialog::testConnection);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (validate())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<PostgresProbe::Report>::finished, this, [this] {
        m_test->setEnabled(true);
        showReport(m_watcher.result());
    });
    Form::fitDialog(this, 640);
}

QWidget *OpenTenantDialog::buildFilePanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    m_file = new QLineEdit(panel);
    m_file->setObjectName(QStringLiteral("tenantFile"));
    m_file->setPlaceholderText(tr("The tenant file (.authdeck)"));
    m_fileError = Form::error(QStringLiteral("tenantFileError"), panel);
    auto *choose = Form::button(tr("C&hoose…"), {}, QStringLiteral("chooseFileButton"), panel);
    layout->addWidget(Form::label(tr("&File"), m_file, panel));
    auto *row = new QHBoxLayout;
    row->addWidget(m_file, 1);
    row->addWidget(choose);
    layout->addLayout(row);
    layout->addWidget(m_fileError);
    layout->addWidget(Form::hint(tr("Created when it does not exist."), panel));
    connect(choose, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Open a tenant file"), QFileInfo(location()).absolutePath());
        dialog->setObjectName(QStringLiteral("tenantFileDialog"));
        dialog->setNameFilters({tr("Authdeck tenants (*.authdeck)"), tr("All files (*)")});
        dialog->setOptions(QFileDialog::DontUseNativeDialog | QFileDialog::DontConfirmOverwrite);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
            m_file->setText(QDir::toNativeSeparators(file));
        });
        dialog->open();
    });
    return panel;
}

QWidget *OpenTenantDialog::buildServerPanel()
{
    auto *panel = new QWidget(this);
    auto *grid = new QGridLayout(panel);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 1);
    const auto edit = [panel](const QString &name, const QString &placeholder) {
        auto *field = new QLineEdit(panel);
        field->setObjectName(name);
        field->setPlaceholderText(placeholder);
        return field;
    };
    m_host = edit(QStringLiteral("postgresHost"), tr("db.example.com"));
    m_hostError = Form::error(QStringLiteral("postgresHostError"), panel);
    m_port = new QSpinBox(panel);
    m_port->setObjectName(QStringLiteral("postgresPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database = edit(QStringLiteral("postgresDatabase"), tr("authdeck"));
    m_databaseError = Form::error(QStringLiteral("postgresDatabaseError"), panel);
    m_sslMode = new QComboBox(panel);
    m_sslMode->setObjectName(QStringLiteral("postgresSslMode"));
    m_sslMode->addItem(tr("Off"), kSslModes.at(0));
    m_sslMode->addItem(tr("When offered"), kSslModes.at(1));
    m_sslMode->addItem(tr("Required"), kSslModes.at(2));
    m_sslMode->addItem(tr("Verify the CA"), kSslModes.at(3));
    m_sslMode->addItem(tr("Verify the CA and host"), kSslModes.at(4));
    m_sslMode->setCurrentIndex(1);
    m_user = edit(QStringLiteral("postgresUser"), tr("Your database user"));
    m_userError = Form::error(QStringLiteral("postgresUserError"), panel);
    m_password = edit(QStringLiteral("postgresPassword"), tr("Optional (~/.pgpass)"));
    m_password->setEchoMode(QLineEdit::Password);

    addField(grid, 0, 0, Form::label(tr("&Host"), m_host, panel), m_host, m_hostError);
    addField(grid, 0, 1, Form::label(tr("Po&rt"), m_port, panel), m_port, nullptr);
    addField(grid, 3, 0, Form::label(tr("&Database"), m_database, panel), m_database, m_databaseError);
    addField(grid, 3, 1, Form::label(tr("T&LS"), m_sslMode, panel), m_sslMode, nullptr);
    addField(grid, 6, 0, Form::label(tr("&User"), m_user, panel), m_user, m_userError);
    addField(grid, 6, 1, Form::label(tr("&Password"), m_password, panel), m_password, nullptr);
    m_remember = new QCheckBox(tr("Re&member the password in the system keyring"), panel);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    grid->addWidget(m_remember, 9, 0, 1, 2);
    auto *note = Form::hint(tr("Otherwise the password is used for this connection only. It is never saved "
                               "in the settings or in the tenant."),
                            panel);
    note->setObjectName(QStringLiteral("passwordNote"));
    grid->addWidget(note, 10, 0, 1, 2);
    return panel;
}

void OpenTenantDialog::updatePanels()
{
    const bool server = isPostgres();
    m_filePanel->setVisible(!server);
    m_serverPanel->setVisible(server);
    m_test->setVisible(server);
    m_message->clear();
    if (minimumWidth() > 0)
        Form::fitDialog(this, width());
}

bool OpenTenantDialog::isPostgres() const
{
    return m_serverCard->isChecked();
}

void OpenTenantDialog::setLocation(const QString &location)
{
    if (!PostgresAddress::isUrl(location)) {
        m_fileCard->setChecked(true);
        m_file->setText(QDir::toNativeSeparators(location));
        return;
    }
    m_serverCard->setChecked(true);
    m_password->setFocus();
    const QUrl url(location);
    m_host->setText(url.host());
    m_port->setValue(url.port(5432));
    m_database->setText(url.path().mid(1));
    m_user->setText(url.userName());
    const QString sslMode = QUrlQuery(url).queryItemValue(QStringLiteral("sslmode"));
    m_sslMode->setCurrentIndex(qMax(0, m_sslMode->findData(sslMode.isEmpty() ? kSslModes.at(1) : sslMode)));
}

QString OpenTenantDialog::location() const
{
    if (!isPostgres())
        return QDir::fromNativeSeparators(m_file->text().trimmed());
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user->text().trimmed());
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setPath(QLatin1Char('/') + m_database->text().trimmed());
    // libpq's own default is prefer: the URL names the mode only when it is another.
    if (const QString mode = m_sslMode->currentData().toString(); mode != kSslModes.at(1))
        url.setQuery(QStringLiteral("sslmode=") + mode);
    return url.toString();
}

QString OpenTenantDialog::password() const
{
    return isPostgres() ? m_password->text() : QString();
}

bool OpenTenantDialog::remembersPassword() const
{
    return isPostgres() && m_remember->isChecked() && !m_password->text().isEmpty();
}

bool OpenTenantDialog::validate()
{
    m_message->clear();
    if (!isPostgres()) {
        const bool filled = !m_file->text().trimmed().isEmpty();
        Form::setError(m_fileError, m_file, filled ? QString() : tr("Choose the tenant file."));
        return filled;
    }
    bool valid = true;
    const QList<std::tuple<QLineEdit *, QLabel *, QString>> required {
        {m_host, m_hostError, tr("Name the server.")},
        {m_database, m_databaseError, tr("Name the database.")},
        {m_user, m_userError, tr("Name the database user.")}};
    for (const auto &[field, error, message] : required) {
        const bool filled = !field->text().trimmed().isEmpty();
        Form::setError(error, field, filled ? QString() : message);
        valid = valid && filled;
    }
    if (valid) {
        if (auto address = PostgresAddress::parse(location()); !address) {
            m_message->showMessage(address.error().message(), MessageBar::Level::Error);
            valid = false;
        }
    }
    Form::fitDialog(this, width());
    return valid;
}

bool OpenTenantDialog::testConnection()
{
    if (!isPostgres() || isTesting() || !validate())
        return false;
    m_test->setEnabled(false);
    m_message->showMessage(tr("Connecting to %1…").arg(m_host->text().trimmed()), MessageBar::Level::Info);
    m_watcher.setFuture(QtConcurrent::run(&PostgresProbe::run, location(), password()));
    return true;
}

void OpenTenantDialog::showReport(const PostgresProbe::Report &report)
{
    MessageBar::Level level = MessageBar::Level::Error;
    if (report.outcome == PostgresProbe::Outcome::Tenant)
        level = MessageBar::Level::Success;
    else if (report.outcome == PostgresProbe::Outcome::Empty)
        level = MessageBar::Level::Info;
    else if (report.outcome == PostgresProbe::Outcome::PasswordNeeded)
        level = MessageBar::Level::Warning;
    m_message->showMessage(report.message, level);
    Form::fitDialog(this, width());
    Q_EMIT tested(report.outcome);
}
