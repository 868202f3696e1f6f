#include "ApiSettingsTab.h"

#include "core/server/GrantStore.h"
#include "ui/common/CopyButton.h"
#include "ui/common/Form.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

ApiSettingsTab::ApiSettingsTab(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_identifier(new QLineEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 20, 0, 0);
    layout->setSpacing(16);
    QFrame *card = Form::card(this);
    card->setObjectName(QStringLiteral("apiSettingsCard"));
    auto *inside = new QVBoxLayout(card);
    inside->setContentsMargins(24, 20, 24, 20);
    inside->setSpacing(12);
    inside->addWidget(Form::section(tr("General Settings"), card));
    inside->addWidget(
        Form::hint(tr("This is a system API: Authdeck serves it itself, and its settings cannot be "
                      "changed."),
                   card));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(6);
    grid->setColumnMinimumWidth(0, 200);
    grid->setColumnStretch(1, 1);
    const auto addRow = [grid, card](const QString &label, QWidget *field, const QString &hint) {
        const int row = grid->rowCount();
        grid->addWidget(Form::label(label, field, card), row, 0, Qt::AlignTop);
        auto *column = new QVBoxLayout;
        column->setSpacing(4);
        column->addWidget(field);
        if (!hint.isEmpty())
            column->addWidget(Form::hint(hint, card));
        column->addSpacing(8);
        grid->addLayout(column, row, 1);
    };
    const auto readOnly = [card](const QString &objectName, const QString &text) {
        auto *edit = new QLineEdit(text, card);
        edit->setObjectName(objectName);
        edit->setReadOnly(true);
        return edit;
    };

    addRow(tr("Name"), readOnly(QStringLiteral("apiNameEdit"), name), {});
    m_identifier->setParent(card);
    m_identifier->setObjectName(QStringLiteral("apiIdentifierEdit"));
    m_identifier->setReadOnly(true);
    m_identifier->setAccessibleName(
        tr("Identifier")); // its label names the row, which holds the copy button too
    auto *identifierRow = new QWidget(card);
    auto *identifierLayout = new QHBoxLayout(identifierRow);
    identifierLayout->setContentsMargins(0, 0, 0, 0);
    identifierLayout->setSpacing(4);
    identifierLayout->addWidget(m_identifier, 1);
    auto *copy = new CopyButton(
        tr("Identifier"), [this] { return m_identifier->text(); }, identifierRow);
    copy->setObjectName(QStringLiteral("apiIdentifierCopy"));
    identifierLayout->addWidget(copy);
    addRow(tr("Identifier"),
           identifierRow,
           tr("The audience of this API's access tokens: an application asks for it in its token request."));
    addRow(tr("Token Expiration (Seconds)"),
           readOnly(QStringLiteral("apiTokenExpirationEdit"),
                    QString::number(GrantStore::AccessTokenLifetimeSecs)),
           tr("How long an access token issued for this API is valid."));
    addRow(tr("Signing Algorithm"),
           readOnly(QStringLiteral("apiSigningAlgorithmEdit"), QStringLiteral("RS256")),
           tr("Access tokens are signed with the tenant's private key; anyone can check them with its public "
              "keys at /.well-known/jwks.json."));
    inside->addLayout(grid);
    layout->addWidget(card);
    layout->addStretch(1);
}

void ApiSettingsTab::setIdentifier(const QString &identifier)
{
    m_identifier->setText(identifier);
}
