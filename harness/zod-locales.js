// Stands in, under jest only, for zod's index of its 45 message locales (jest.config.js says why). Empty: nothing here
// sets a locale, and zod loads its English messages from their own file.
module.exports = {};
