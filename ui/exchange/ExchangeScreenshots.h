#pragma once

#include <QString>

#include <functional>

class QWidget;
class Tenant;

/// The export and import dialogs as the screenshot renderer writes them.
namespace ExchangeScreenshots {

/// Writes a widget shown as the file name stem given; false when it could not be written.
using Save = std::function<bool(QWidget *widget, const QString &name)>;

/**
 * @brief Shows the export dialog (before and after writing into a scratch folder) and the import dialog
 *        (a file of the tenant edited: a few changes, a deletion and notes; then a refused file) over
 *        @p parent and writes each with @p save. The tenant is not changed. The error text, or empty.
 */
QString render(Tenant &tenant, QWidget *parent, const Save &save);

} // namespace ExchangeScreenshots
