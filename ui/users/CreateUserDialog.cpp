#include "CreateUserDialog.h"

#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

CreateUserDialog::CreateUserDialog(UserStore &store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_email(new QLineEdit(this))
    , m_emailError(Form::error(QStringLiteral("emailError"), this))
    , m_password(new QLineEdit(this))
    , m_passwordError(Form::error(QStringLiteral("passwordError"), this))
    , m_error(Form::error(QStringLiteral("createUserError"), this))
{
    setObjectName(QStringLiteral("createUserDialog"));
    setWindowTitle(tr("Create User"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(10);
    layout->addWidget(
        Form::pageHeader(tr("Create User"), tr("The user logs in through the database connection."), this));

    m_email->setObjectName(QStringLiteral("userEmail"));
    m_email->setAccessibleName(tr("Email"));
    m_email->setPlaceholderText(tr("name@example.com"));
    layout->addWidget(Form::label(tr("&Email"), m_email, this));
    layout->addWidget(m_email);
    layout->addWidget(m_emailError);

    m_password->setObjectName(QStringLiteral("userPassword"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    layout->addWidget(Form::label(tr("&Password"), m_password, this));
    layout->addWidget(m_password);
    layout->addWidget(m_passwordError);
    layout->addWidget(Form::hint(tr("At least %1 characters.").arg(PasswordHasher::kMinLength), this));
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    Form::setKind(m_create, QStringLiteral("primary"));
    m_create->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &CreateUserDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_email, &QLineEdit::textChanged, this, &CreateUserDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &CreateUserDialog::updateState);
    updateState();
    Form::fitDialog(this, 480);
}

void CreateUserDialog::updateState()
{
    // A changed field clears what the store said about it; empty fields just disable Create.
    Form::setError(m_emailError, m_email, {});
    Form::setError(m_passwordError, m_password, {});
    Form::setError(m_error, nullptr, {});
    m_create->setEnabled(!m_email->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void CreateUserDialog::accept()
{
    // The password is hashed on a worker thread: the dialog stays responsive, its fields locked meanwhile.
    setBusy(true);
    m_store.createLater(
        m_email->text(), m_password->text(), UserStore::Origin::Admin, this, [this](Result<User> created) {
            setBusy(false);
            if (created) {
                m_createdUserId = created.value().id;
                QDialog::accept();
                return;
            }
            const Error &error = created.error();
            // The store checks the email's shape, then the password's length, then whether it is taken.
            if (error.kind() == Error::Kind::Conflict)
                Form::setError(m_emailError, m_email, error.message());
            else if (error.kind() == Error::Kind::Invalid
                     && m_password->text().size() < PasswordHasher::kMinLength
                     && !error.message().contains(QStringLiteral("mail"), Qt::CaseInsensitive))
                Form::setError(m_passwordError, m_password, error.message());
            else if (error.kind() == Error::Kind::Invalid)
                Form::setError(m_emailError, m_email, error.message());
            else
                Form::setError(m_error, nullptr, error.message());
        });
}

void CreateUserDialog::setBusy(bool busy)
{
    m_email->setReadOnly(busy);
    m_password->setReadOnly(busy);
    m_create->setEnabled(!busy);
    m_create->setText(busy ? tr("Creating…") : tr("Create"));
}
