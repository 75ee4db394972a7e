/** Server functions for the admin routes; the page imports its screen from its own module. */
export { adminRoute } from "./admin-route";
export { createAdminUser, deleteAdminUser, listAdminUsers, updateAdminUser } from "./admin-users";
export { grantPermission, listUserGrants, revokePermission } from "./user-grants";
